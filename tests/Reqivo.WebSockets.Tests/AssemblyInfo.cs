// Loopback tests open real sockets; two test classes at a time keep a 2-core machine honest.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = false, MaxParallelThreads = 2)]
