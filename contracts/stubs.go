package contracts

// This file holds the declared API of the contract core while it is being written. Each
// function moves to its own file when it is implemented, and this file disappears.


