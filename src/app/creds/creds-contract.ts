// The JSON of the credential broker's routes: types only, imported by the web app with `import type`.

/** One live grant as the dashboard lists it (never its secret). */
export interface GrantView {
  id: string;
  environment: string;
  kind: string;
  scope: 'read' | 'write';
  agent: string;
  onBehalfOf?: string;
  sessionId: string;
  /** The issuer's name for it (role, session name). */
  principal: string;
  approvalId?: string;
  approvedBy?: string[];
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
}

/** `GET /v1/creds/grants`. */
export interface GrantsResponse {
  grants: GrantView[];
}

/** `POST /v1/creds/:environment/:kind` when credentials are served. */
export interface IssuedResponse {
  status: 'issued';
  grantId: string;
  scope: 'read' | 'write';
  expiresAt: string;
  credential: Record<string, unknown>;
}

/** `POST /v1/creds/:environment/:kind` (202) when an elevated request waits for approval. */
export interface HeldResponse {
  status: 'held';
  approvalId: string;
  reasons: string[];
}
