/**
 * A reason the process cannot start that the operator can fix (bad setting, data directory in use,
 * port taken, disk full): entry points print its message alone, without a stack trace, and exit 1.
 */
export class StartupError extends Error {}
