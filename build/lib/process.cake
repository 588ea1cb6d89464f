// Runs a program, streaming its output, from a working directory.

int RunAllowingFailure(string program, string arguments, DirectoryPath workingDirectory)
{
    Information($"> {program} {arguments}");
    return StartProcess(program, new ProcessSettings
    {
        Arguments = arguments,
        WorkingDirectory = workingDirectory,
    });
}

void Run(string program, string arguments, DirectoryPath workingDirectory)
{
    var exit = RunAllowingFailure(program, arguments, workingDirectory);
    if (exit != 0)
    {
        throw new Exception($"'{program} {arguments}' failed with exit code {exit}.");
    }
}
