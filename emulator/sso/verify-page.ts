/**
 * The page a device-flow verification URI opens: the user code with Allow and Deny buttons,
 * plain HTML forms so a browser test can click through them. It stands in for the Identity
 * Center sign-in and consent pages; the one seeded user is assumed to be signed in.
 */
import type { ServiceAnswer } from '../service';
import type { SsoState } from './state';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function page(status: number, title: string, body: string): ServiceAnswer {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · AWS access portal (emulator)</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #16191f; }
.code { font: 600 2rem ui-monospace, monospace; letter-spacing: .2em; margin: 1rem 0; }
form { display: inline-block; margin-right: .5rem; }
button { font-size: 1rem; padding: .5rem 1.25rem; cursor: pointer; }
#allow { background: #ff9900; border: 1px solid #ec7211; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
  return {
    status,
    body: html,
    contentType: 'text/html; charset=utf-8',
    headers: {
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      'cache-control': 'no-store',
    },
  };
}

export function verifyPage(state: SsoState, query: URLSearchParams): ServiceAnswer {
  const userCode = query.get('user_code');
  if (userCode === null || userCode.trim() === '') {
    return page(
      200,
      'Authorize request',
      `<p>Enter the code shown by the application.</p>
<form method="get" action="/sso/verify">
<input name="user_code" aria-label="Code" autocomplete="off" required>
<button type="submit">Next</button>
</form>`,
    );
  }
  const device = state.pendingByUserCode(userCode);
  if (!device) {
    return page(404, 'Code not found', `<p>The code ${escapeHtml(userCode)} is unknown, expired or already used.</p>`);
  }
  const hidden = `<input type="hidden" name="user_code" value="${escapeHtml(device.userCode)}">`;
  return page(
    200,
    'Authorize request',
    `<p>An application asks to access your AWS accounts as <strong>${escapeHtml(state.instance.user.displayName)}</strong>
(${escapeHtml(state.instance.startUrl)}). Confirm it shows this code:</p>
<p class="code" data-testid="user-code">${escapeHtml(device.userCode)}</p>
<form method="post" action="/sso/verify/approve">${hidden}<button id="allow" type="submit">Allow</button></form>
<form method="post" action="/sso/verify/deny">${hidden}<button id="deny" type="submit">Deny</button></form>`,
  );
}

export function decidePage(state: SsoState, body: Buffer, approve: boolean): ServiceAnswer {
  const userCode = new URLSearchParams(body.toString('utf8')).get('user_code') ?? '';
  if (!state.decide(userCode, approve)) {
    return page(404, 'Code not found', `<p>The code ${escapeHtml(userCode)} is unknown, expired or already used.</p>`);
  }
  return approve
    ? page(200, 'Request approved', '<p>You can close this window and return to the application.</p>')
    : page(200, 'Request denied', '<p>The application was not given access. You can close this window.</p>');
}
