import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One AssumeRole (or GetCallerIdentity) request the fake received, with the access key that signed it. */
export interface StsCall {
  action: string;
  params: Record<string, string>;
  /** The access key id named in the SigV4 Authorization header. */
  signedBy: string | undefined;
}

/** A local server speaking STS's Query API (form-encoded POST, XML answers), for tests only. */
export interface FakeSts {
  url: string;
  calls: StsCall[];
  /** Access keys this fake issued, with the role each belongs to. */
  issued: Map<string, string>;
  /** Makes every AssumeRole fail with this status and STS error code (undefined: answer normally). */
  failWith(failure: { status: number; code: string } | undefined): void;
  close(): Promise<void>;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function errorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${randomBytes(8).toString('hex')}</RequestId></ErrorResponse>`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the fake. As documented for STS: `Action=AssumeRole&Version=2011-06-15` with `RoleArn`,
 * `RoleSessionName`, `DurationSeconds` (900…43200) and an optional `Policy` answers
 * `AssumeRoleResponse/AssumeRoleResult/Credentials`; `GetCallerIdentity` answers the signer's assumed role.
 * Requests without a SigV4 Authorization header get 403 `MissingAuthenticationToken`.
 */
export async function startFakeSts(): Promise<FakeSts> {
  const calls: StsCall[] = [];
  const issued = new Map<string, string>();
  let failure: { status: number; code: string } | undefined;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const params = Object.fromEntries(new URLSearchParams(await readBody(request)));
    const auth = request.headers.authorization ?? '';
    const signedBy = /Credential=([^/]+)\//.exec(auth)?.[1];
    calls.push({ action: params.Action ?? '', params, signedBy });
    const reply = (status: number, xml: string) => {
      response.writeHead(status, { 'content-type': 'text/xml' });
      response.end(xml);
    };
    if (!auth.startsWith('AWS4-HMAC-SHA256 '))
      return reply(403, errorXml('MissingAuthenticationToken', 'Request is missing Authentication Token'));
    if (params.Version !== '2011-06-15') return reply(400, errorXml('InvalidAction', 'unknown version'));
    if (params.Action === 'GetCallerIdentity') {
      const role = signedBy !== undefined ? issued.get(signedBy) : undefined;
      if (!role)
        return reply(
          403,
          errorXml('InvalidClientTokenId', 'The security token included in the request is invalid.'),
        );
      return reply(
        200,
        `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${xmlEscape(role)}</Arn><UserId>AROA:${signedBy}</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    }
    if (params.Action !== 'AssumeRole')
      return reply(400, errorXml('InvalidAction', `unknown action ${params.Action}`));
    if (failure) return reply(failure.status, errorXml(failure.code, 'refused by the fake'));
    const duration = Number(params.DurationSeconds ?? 3600);
    if (!params.RoleArn || !params.RoleSessionName || !(duration >= 900 && duration <= 43200))
      return reply(
        400,
        errorXml('ValidationError', 'RoleArn, RoleSessionName and DurationSeconds 900..43200 are required'),
      );
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    issued.set(accessKeyId, params.RoleArn);
    const expiration = new Date(Date.now() + duration * 1000).toISOString();
    return reply(
      200,
      `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${randomBytes(20).toString('base64')}</SecretAccessKey><SessionToken>${randomBytes(32).toString('base64')}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROA123:${xmlEscape(params.RoleSessionName)}</AssumedRoleId><Arn>${xmlEscape(params.RoleArn)}/${xmlEscape(params.RoleSessionName)}</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>${randomBytes(8).toString('hex')}</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    );
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    issued,
    failWith: (next) => void (failure = next),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
