/** API keys: the vaults, the checks behind "Test", and the `keys:*` channels. */
export { MemoryVault, validateKey, minKeyLength, maxKeyLength, type KeyVault } from './vault';
export { KeytarVault, keychainService, type KeytarApi } from './keytar-vault';
export { defaultKeyChecks, noFreeCheck, type KeyCheck, type KeyChecks } from './key-check';
export { createKeyHandlers, keyCheckTimeoutMs } from './channels';
