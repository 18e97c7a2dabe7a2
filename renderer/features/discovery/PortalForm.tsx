import { useId, useState, type FormEvent } from 'react';
import type { SsoPortalChanges, SsoSessionInfo } from '../../../shared/contract';
import { Field, fieldA11y } from '../../components/Field';
import { ClientInput, RegionInput } from '../../components/inputs';
import { portalLabel, sameUrl, sessionNameFor, type PortalSettings } from './portals';

interface Values {
  startUrl: string;
  ssoRegion: string;
  endpoint: string;
  clientName: string;
}

const EMPTY: Values = { startUrl: '', ssoRegion: 'us-east-1', endpoint: '', clientName: '' };

/**
 * A portal to read: typed, or one of the AWS config's sso-sessions or the portals accounts were
 * added from before (one click fills the form). Checked here in words before anything is sent.
 */
export function PortalForm({
  sessions,
  known,
  connected,
  onConnect,
  onCancel,
}: {
  sessions: readonly SsoSessionInfo[];
  known: readonly SsoPortalChanges[];
  /** Start URLs already in the dialog. */
  connected: readonly string[];
  onConnect(settings: PortalSettings): void;
  onCancel?: (() => void) | undefined;
}) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [issues, setIssues] = useState<Partial<Record<keyof Values, string[]>>>({});
  const uid = useId();
  const id = (field: keyof Values) => `${uid}-${field}`;
  const set = (field: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const picks = [
    ...known.map((p) => ({ key: `known:${p.startUrl}`, startUrl: p.startUrl, ssoRegion: p.ssoRegion, endpoint: p.endpoint ?? '', clientName: p.clientName, label: p.sessionName })),
    ...sessions
      .filter((s) => !known.some((p) => sameUrl(p.startUrl, s.startUrl)))
      .map((s) => ({ key: `session:${s.name}`, startUrl: s.startUrl, ssoRegion: s.ssoRegion, endpoint: '', clientName: '', label: s.name })),
  ].filter((p) => !connected.some((url) => sameUrl(url, p.startUrl)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = check(values);
    setIssues(found);
    const first = Object.keys(found)[0] as keyof Values | undefined;
    if (first) {
      document.getElementById(id(first))?.focus();
      return;
    }
    const startUrl = values.startUrl.trim();
    if (connected.some((url) => sameUrl(url, startUrl))) {
      setIssues({ startUrl: ['This portal is already open below.'] });
      return;
    }
    onConnect({
      startUrl,
      ssoRegion: values.ssoRegion.trim(),
      sessionName: sessionNameFor(startUrl, sessions),
      endpoint: values.endpoint.trim() || null,
      clientName: values.clientName.trim() || portalLabel(startUrl),
    });
    setValues(EMPTY);
  }

  return (
    <form className="portal-form" onSubmit={submit} noValidate aria-label="An IAM Identity Center portal" data-testid="portal-form">
      {picks.length > 0 && (
        <div className="portal-picks" role="group" aria-label="Portals you used before">
          <span className="caps-label">Used before</span>
          {picks.map((p) => (
            <button
              key={p.key}
              type="button"
              className="chip-button"
              title={`${p.startUrl} (${p.ssoRegion})`}
              onClick={() => setValues({ startUrl: p.startUrl, ssoRegion: p.ssoRegion, endpoint: p.endpoint, clientName: p.clientName })}
            >
              {p.label === portalLabel(p.startUrl) ? (
                p.label
              ) : (
                <>
                  {p.label} · <span className="mono-soft">{portalLabel(p.startUrl)}</span>
                </>
              )}
            </button>
          ))}
        </div>
      )}
      <div className="portal-form-fields">
        <Field id={id('startUrl')} label="Start URL" issues={issues.startUrl} className="portal-url-field">
          <input {...fieldA11y(id('startUrl'), issues.startUrl)} name="startUrl" className="mono" value={values.startUrl} onChange={set('startUrl')} placeholder="https://my-org.awsapps.com/start" spellCheck={false} autoComplete="off" autoFocus />
        </Field>
        <Field id={id('ssoRegion')} label="SSO region" issues={issues.ssoRegion}>
          <RegionInput {...fieldA11y(id('ssoRegion'), issues.ssoRegion)} name="ssoRegion" value={values.ssoRegion} onChange={set('ssoRegion')} />
        </Field>
        <Field id={id('clientName')} label="Client" hint={values.startUrl ? `Default: ${portalLabel(values.startUrl.trim())}` : 'Default: the portal’s name'}>
          <ClientInput {...fieldA11y(id('clientName'), undefined)} name="clientName" value={values.clientName} onChange={set('clientName')} placeholder={values.startUrl ? portalLabel(values.startUrl.trim()) : 'Acme'} />
        </Field>
        <Field id={id('endpoint')} label="Endpoint (optional)" issues={issues.endpoint} hint="Only for AWS-compatible endpoints.">
          <input {...fieldA11y(id('endpoint'), issues.endpoint)} name="endpoint" className="mono" value={values.endpoint} onChange={set('endpoint')} placeholder="https://…" spellCheck={false} />
        </Field>
      </div>
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button-primary" data-testid="portal-connect">
          Sign in and list accounts
        </button>
      </div>
    </form>
  );
}

function check(values: Values): Partial<Record<keyof Values, string[]>> {
  const issues: Partial<Record<keyof Values, string[]>> = {};
  const url = values.startUrl.trim();
  if (!url) issues.startUrl = ['Enter your AWS access portal URL, such as https://my-org.awsapps.com/start.'];
  else if (!/^https:\/\/[^\s/]+/.test(url)) issues.startUrl = ['The start URL begins with https:// (copy it from the AWS access portal).'];
  if (!/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(values.ssoRegion.trim())) issues.ssoRegion = ['Enter the region IAM Identity Center runs in, such as us-east-1.'];
  const endpoint = values.endpoint.trim();
  if (endpoint && !/^https?:\/\/[^\s/]+/.test(endpoint)) issues.endpoint = ['An endpoint is an http(s) address, such as https://sso.example.internal.'];
  return issues;
}
