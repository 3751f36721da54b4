import { createRequire } from 'node:module';
import type * as Zod from 'zod';
import { LEVELS } from '../../core/model.js';

// zod is loaded only when a config has to be validated (a cache miss): its import costs more than a
// whole hook decision, and the agent hooks start a process per command.
const requireLazily = createRequire(import.meta.url);

/** The schema of blastwall.yaml, built on first use. */
export function configFileSchema(): ReturnType<typeof buildSchema> {
  built ??= buildSchema((requireLazily('zod') as typeof Zod).z);
  return built;
}
let built: ReturnType<typeof buildSchema> | undefined;

function buildSchema(z: typeof Zod.z) {
  const stringList = z.array(z.string().min(1));
  const id = z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, 'ids may hold letters, digits, ".", "_", "-" and "@"');

  const person = z.strictObject({
    id,
    level: z.enum(LEVELS),
    emails: stringList.default([]),
    teams: stringList.default([]),
    github: z.union([z.string(), stringList]).optional(),
  });

  const service = z.strictObject({
    id,
    tier: z.number().int().min(1).max(4),
    owner: z.string().optional(),
    paths: stringList.default([]),
    dependsOn: stringList.default([]),
  });

  const match = z.strictObject({
    kubeContext: stringList.optional(),
    kubeCluster: stringList.optional(),
    awsProfile: stringList.optional(),
    awsAccount: stringList.optional(),
    terraformWorkspace: stringList.optional(),
    host: stringList.optional(),
    gcpProject: stringList.optional(),
    azureSubscription: stringList.optional(),
    path: stringList.optional(),
    database: stringList.optional(),
  });

  const environment = z.strictObject({
    protected: z.boolean(),
    match: match.default({}),
  });

  // The shape of blastwall.yaml; the minimal form of DESIGN.md is a valid instance.
  return z.strictObject({
    people: z.array(person).default([]),
    services: z.array(service).default([]),
    environments: z.record(z.string(), environment).default({}),
    provenance: z
      .strictObject({
        patterns: z
          .array(
            z.strictObject({
              tool: z.string().min(1),
              message: z.string().optional(),
              identity: z.string().optional(),
            }),
          )
          .default([]),
        /** Identities ("Name <email>" regular expressions) that are people, never AI evidence. */
        exclude: stringList.default([]),
      })
      .default({ patterns: [], exclude: [] }),
    review: z
      .strictObject({
        /** More impacted services than this is a wide blast radius. */
        wideBlastRadiusServices: z.number().int().min(1).default(10),
        /** Branches (globs) an agent's push to which runs the change check, besides the default branch. */
        protectedBranches: stringList.optional(),
      })
      .default({ wideBlastRadiusServices: 10 }),
    gate: z
      .strictObject({
        /** Seconds the gate may spend computing a deploy's effect (terraform plan, kubectl diff, helm diff). */
        effectTimeoutSeconds: z.number().min(0.1).max(300).optional(),
        /** The most a restore point may keep before a loss confined to the workspace is held instead (agent-undoable-workspace). */
        restorePoints: z
          .strictObject({
            maxMegabytes: z.number().min(0).max(100_000).optional(),
            maxFiles: z.number().int().min(0).max(10_000_000).optional(),
            /** How many restore points are kept; the oldest go first. */
            keep: z.number().int().min(1).max(10_000).optional(),
          })
          .optional(),
      })
      .optional(),
    freeze: z
      .strictObject({
        active: z.boolean().default(false),
        reason: z.string().optional(),
        maxRisk: z.number().min(0).max(100).default(30),
      })
      .default({ active: false, maxRisk: 30 }),
    catalog: z.strictObject({ enabled: z.boolean().default(true) }).default({ enabled: true }),
    /**
     * The repository's full name (`owner/name`) its changes are recorded and asked about under; default: the
     * `origin` remote's. Set it when the checkout has no origin, or its origin is a mirror.
     */
    repository: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'owner/name, as GitHub spells it')
      .optional(),
    /** A trained change-risk model (`blastwall risk train`) for `check`, relative to this file's folder. */
    risk: z.strictObject({ model: z.string().min(1).optional() }).optional(),
    server: z
      .strictObject({
        url: z.string().url(),
        token: z.string().optional(),
        approvalTtlMinutes: z.number().int().min(1).optional(),
      })
      .optional(),
    /**
     * Attestation notes (`blastwall attest push`) are trusted only when signed by one of these public keys (base64
     * SPKI as `blastwall attest key` prints it, or PEM); without any, a note's own embedded key is taken.
     */
    attestation: z.strictObject({ trustedKeys: z.array(z.string().min(1)).default([]) }).optional(),
    /** Per environment, the issuers of brokered credentials (docs/creds.md); secrets only by env/file name. */
    credentials: z.record(z.string(), credentialsSchema(z)).default({}),
    /** Per-server MCP tool mappings, read by the MCP gateway. */
    mcp: z.unknown().optional(),
  });
}

/** `credentials.<env>` of blastwall.yaml: where each issuer is and what it may hand out. */
function credentialsSchema(z: typeof Zod.z) {
  const duration = z.string().regex(/^[1-9][0-9]*[smh]$/, 'a duration such as 90s, 30m or 2h');
  const roleName = z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a PostgreSQL role name (lower case, digits, _)');
  const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable');
  const k8sName = z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a Kubernetes name (lower case, digits, -)');
  const roleArn = z.string().regex(/^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/, 'an IAM role ARN');
  return z.strictObject({
    postgres: z
      .strictObject({
        adminUrlEnv: envName.optional(),
        adminUrlFile: z.string().min(1).optional(),
        readRole: roleName,
        writeRole: roleName,
        maxGrant: duration.default('30m'),
      })
      .refine((pg) => (pg.adminUrlEnv === undefined) !== (pg.adminUrlFile === undefined), {
        message: 'name exactly one of adminUrlEnv or adminUrlFile (the admin URL never sits in the YAML)',
      })
      .optional(),
    aws: z
      .strictObject({
        readRoleArn: roleArn,
        writeRoleArn: roleArn,
        region: z.string().min(1).default('us-east-1'),
        /** An STS endpoint other than AWS's own (a VPC endpoint, a test server). */
        endpoint: z.string().url().optional(),
        /** The broker's own credentials, by environment variable name; absent: the server's default AWS chain. */
        accessKeyIdEnv: envName.optional(),
        secretAccessKeyEnv: envName.optional(),
        sessionTokenEnv: envName.optional(),
        maxGrant: duration.default('30m'),
      })
      .refine((aws) => (aws.accessKeyIdEnv === undefined) === (aws.secretAccessKeyEnv === undefined), {
        message: 'name both accessKeyIdEnv and secretAccessKeyEnv, or neither',
      })
      .optional(),
    kubernetes: z
      .strictObject({
        /** The API server's URL. */
        server: z.string().url(),
        caFile: z.string().min(1).optional(),
        /** Skips TLS verification (and allows plain http): for test clusters only. */
        insecureSkipTlsVerify: z.boolean().default(false),
        /** The broker's own bearer token (a service account allowed TokenRequest and Secrets in `namespace`). */
        tokenEnv: envName.optional(),
        tokenFile: z.string().min(1).optional(),
        namespace: k8sName,
        readServiceAccount: k8sName,
        writeServiceAccount: k8sName,
        audiences: z.array(z.string().min(1)).optional(),
        maxGrant: duration.default('30m'),
      })
      .refine((k8s) => (k8s.tokenEnv === undefined) !== (k8s.tokenFile === undefined), {
        message: 'name exactly one of tokenEnv or tokenFile (the token never sits in the YAML)',
      })
      .optional(),
    /** Secrets handed to one command (`blastwall creds exec`) only after approval; each named by env variable or file. */
    exec: z
      .strictObject({
        env: z.record(
          envName,
          z.union([z.strictObject({ fromEnv: envName }), z.strictObject({ fromFile: z.string().min(1) })]),
        ),
        maxGrant: duration.default('15m'),
      })
      .optional(),
  });
}

/** A parsed blastwall.yaml. */
export type ConfigFile = Zod.infer<ReturnType<typeof buildSchema>>;
