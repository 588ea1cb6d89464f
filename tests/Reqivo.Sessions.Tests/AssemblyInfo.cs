// Loopback tests open real sockets; running test classes one at a time keeps a 2-core machine honest.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = false, MaxParallelThreads = 2)]
