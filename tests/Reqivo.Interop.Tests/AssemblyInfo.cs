// The peer is one nginx worker on a 2-core machine shared with the build: two test classes at a time is plenty.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = false, MaxParallelThreads = 2)]
