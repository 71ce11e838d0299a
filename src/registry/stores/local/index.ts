/** The local folder registry store. */
export { LocalRegistryStore, type LocalRegistryStoreOptions } from './local-store.js';
