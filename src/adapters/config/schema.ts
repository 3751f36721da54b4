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
      })
      .default({ patterns: [] }),
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
    server: z
      .strictObject({
        url: z.string().url(),
        token: z.string().optional(),
        approvalTtlMinutes: z.number().int().min(1).optional(),
      })
      .optional(),
    /** Per-server MCP tool mappings, read by the MCP gateway. */
    mcp: z.unknown().optional(),
  });
}

/** A parsed blastwall.yaml. */
export type ConfigFile = Zod.infer<ReturnType<typeof buildSchema>>;
