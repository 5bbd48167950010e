package sdk

import "time"

// watchParent checks every interval whether getppid still returns parent,
// and calls orphaned and returns once it does not: the process that started
// this one is gone (its children are handed to init or a subreaper), so
// nobody will ever stop this plugin. It returns without calling orphaned
// when stop is closed.
func watchParent(stop <-chan struct{}, interval time.Duration, parent int, getppid func() int, orphaned func()) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			if getppid() != parent {
				orphaned()
				return
			}
		}
	}
}
