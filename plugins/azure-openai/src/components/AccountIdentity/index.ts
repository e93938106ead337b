export { AccountIdentity } from './AccountIdentity';
export type { AccountIdentityProps } from './AccountIdentity';
