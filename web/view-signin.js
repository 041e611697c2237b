// view-signin.js — the sign-in screen: email and password, the server's answer shown plainly
// ("the email or password is not right"), and the lock-out after too many failures shown with
// the minutes to wait from Retry-After. A message from the app (session ended, signed out) is
// shown above the form. On success it hands over to the app, which draws the route asked for.
import { h } from './dom.js';
import { ApiError, signIn } from './api.js';
import { createForm } from './form.js';

export function signInView({ message, onSignedIn }) {
  const form = createForm({
    label: 'Sign in',
    submitLabel: 'Sign in',
    fields: [
      { name: 'email', label: 'Email', type: 'email', required: true, autocomplete: 'username',
        requiredMessage: 'Enter your email address' },
      { name: 'password', label: 'Password', type: 'password', required: true, autocomplete: 'current-password',
        requiredMessage: 'Enter your password' },
    ],
    onSubmit: async ({ email, password }) => {
      try {
        await signIn(email, password);
      } catch (e) {
        if (e instanceof ApiError && e.status === 429) {
          const mins = Math.max(1, Math.ceil((e.retryAfter || 60) / 60));
          throw new ApiError(429, e.code, `${e.message.replace(/\.$/, '')}. You can try again in ${mins} minute${mins === 1 ? '' : 's'}.`);
        }
        if (e instanceof ApiError && e.status === 401) {
          throw new ApiError(401, 'invalid_credentials', `${e.message.replace(/\.$/, '')}. Check both and try again.`);
        }
        throw e;
      }
      onSignedIn();
    },
  });
  return h('div', { class: 'signin' },
    h('div', { class: 'card signin-card' },
      h('h1', { tabindex: '-1' }, 'Sign in'),
      h('p', { class: 'muted' }, 'Use your stipple staff account.'),
      message ? h('div', { class: `notice notice-${message.kind}`, role: 'status' }, h('p', {}, message.text)) : null,
      form.el));
}
