using System;
using System.Globalization;
using Reqivo.LoadHarness;

// Every number the harness prints or writes uses the invariant culture.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(HarnessOptions.Usage);
    return 0;
}

HarnessOptions options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (Exception error) when (error is ArgumentException or FormatException)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 2;
}

try
{
    return options.Mode switch
    {
        // The main thread drives each mode synchronously: it must not take a thread-pool thread from async clients.
        "serve-kestrel" => KestrelSmallServer.RunAsync().GetAwaiter().GetResult(),
        "client" when options.Downloads > 0 =>
            ClientRunner.RunDownload(ClientKinds.Parse(options.Client!), Required(options.Url), options.Downloads, options.ServerPids),
        "client" => ClientRunner.RunLoad(ClientKinds.Parse(options.Client!), Required(options.Url), options.Connections[0],
            TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds), options.BodyLength, options.ServerPids, options.ServeWindows),
        "alloc-profile" => AllocationProfile.Run(Required(options.Url), TimeSpan.FromSeconds(options.Warmup), TimeSpan.FromSeconds(options.Seconds)),
        _ => new Orchestrator(options).Run(),
    };
}
catch (InvalidOperationException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}

static string Required(string? url) => url ?? throw new InvalidOperationException("--url is required.");
