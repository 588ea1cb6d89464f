// The repository turns implicit usings off; this tool uses the same basic namespaces in almost every file.
global using System;
global using System.Collections.Generic;
global using System.IO;
global using System.Linq;
global using System.Threading;
global using System.Threading.Tasks;
