/**
 * Request headers through which the gate tells the pages who is asking.
 * Only the gate sets them (it drops any a client sends); the root layout
 * reads them. No imports, so the app can use this file as well.
 */
export const ROLE_HEADER = 'x-rabbitpulse-role';
export const AUTH_MODE_HEADER = 'x-rabbitpulse-auth-mode';
