/**
 * Who signed a request: an IAM user (with its long-term key, or a session from
 * GetSessionToken) or a role session (AssumeRole, or role credentials from the SSO portal).
 */
import type { RoleRecord } from '../world/model';

export interface UserPrincipal {
  kind: 'user';
  accountId: string;
  userName: string;
  /** AIDA… */
  userId: string;
  /** arn:aws:iam::ACCOUNT:user/NAME */
  arn: string;
}

export interface RolePrincipal {
  kind: 'assumed-role';
  accountId: string;
  role: RoleRecord;
  sessionName: string;
  /** arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION (no role path, as STS writes it) */
  arn: string;
  /** AROA…:SESSION */
  userId: string;
}

export type Principal = UserPrincipal | RolePrincipal;

export function rolePrincipal(role: RoleRecord, sessionName: string): RolePrincipal {
  return {
    kind: 'assumed-role',
    accountId: role.accountId,
    role,
    sessionName,
    arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
    userId: `${role.roleId}:${sessionName}`,
  };
}
