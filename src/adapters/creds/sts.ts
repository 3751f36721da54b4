import { BlastwallError } from '../../core/errors.js';

/** Temporary AWS credentials as STS returns them. */
export interface SessionCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  /** ISO-8601. */
  Expiration: string;
}

/** Where STS is and who the broker is to it. */
export interface StsSettings {
  region: string;
  endpoint?: string;
  /** The broker's own credentials; absent: the server process's default AWS credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  timeoutMs?: number;
}

/** One AssumeRole call. */
export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  /** An inline session policy (JSON) that narrows the role further. */
  policy?: string;
}

/** Calls STS AssumeRole through the AWS SDK; every failure names STS, and an incomplete answer is a failure. */
export async function assumeRole(settings: StsSettings, input: AssumeRoleInput): Promise<SessionCredentials> {
  // Loaded on first use: a server without AWS credentials configured never pays for the SDK.
  const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient({
    region: settings.region,
    maxAttempts: 2,
    ...(settings.endpoint !== undefined && { endpoint: settings.endpoint }),
    ...(settings.credentials && { credentials: settings.credentials }),
  });
  try {
    const answer = await client.send(
      new AssumeRoleCommand({
        RoleArn: input.roleArn,
        RoleSessionName: input.sessionName,
        DurationSeconds: input.durationSeconds,
        ...(input.policy !== undefined && { Policy: input.policy }),
      }),
      { abortSignal: AbortSignal.timeout(settings.timeoutMs ?? 5000) },
    );
    const credentials = answer.Credentials;
    if (
      !credentials?.AccessKeyId ||
      !credentials.SecretAccessKey ||
      !credentials.SessionToken ||
      !(credentials.Expiration instanceof Date) ||
      Number.isNaN(credentials.Expiration.getTime())
    )
      throw new Error('the answer holds no complete credentials');
    return {
      AccessKeyId: credentials.AccessKeyId,
      SecretAccessKey: credentials.SecretAccessKey,
      SessionToken: credentials.SessionToken,
      Expiration: credentials.Expiration.toISOString(),
    };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new BlastwallError('external', `AWS STS AssumeRole of ${input.roleArn} failed: ${message}`, {
      cause: error,
    });
  } finally {
    client.destroy();
  }
}
