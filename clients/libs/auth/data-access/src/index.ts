export type { Role, Session, SessionUser } from './session';
export { SESSION_STORAGE, SESSION_STORAGE_KEY } from './session-storage';
export { REFRESH_MARGIN_MS, SessionStore } from './session.store';
export {
  AUTH_APP,
  provideAuth,
  redirectSignedIn,
  requireAppRole,
  SIGN_IN_PATH,
  type AuthAppConfig,
} from './provide-auth';
