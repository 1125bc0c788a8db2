// Package targettest holds test doubles for package target and its users: Cognito, a small
// in-memory stand-in for the cognito-idp operations that provisioning, cleanup and the sweep
// call, with scripted failures. It is not the reference emulator (runner/emulator); it knows
// no UpdateUserPoolClient rules.
package targettest
