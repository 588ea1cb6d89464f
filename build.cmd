@echo off
rem Bootstraps the Cake build (a dotnet local tool) and runs one target: build.cmd [target] [cake options]
setlocal
cd /d "%~dp0"
set TARGET=%1
if "%TARGET%"=="" set TARGET=test
if not "%1"=="" shift
dotnet tool restore >nul || exit /b 1
dotnet dotnet-cake build/build.cake --target=%TARGET% %1 %2 %3 %4 %5 %6 %7 %8 %9
