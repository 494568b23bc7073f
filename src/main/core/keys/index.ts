/** API keys: the vaults, the checks behind "Test", and the `keys:*` channels. */
export { MemoryVault, validateKey, minKeyLength, maxKeyLength, type KeyVault } from './vault';
export { KeytarVault, keychainService, type KeytarApi } from './keytar-vault';
export type { KeyCheck, KeyChecks } from './key-check';
export { createKeyHandlers, keyCheckTimeoutMs } from './channels';
