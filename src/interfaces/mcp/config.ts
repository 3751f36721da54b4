import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import { OPERATION_KINDS } from '../../core/actions/types.js';
import { HINT_KEYS, type ServerMappings } from '../../core/actions/tool-call.js';

const toolMappingSchema = z.strictObject({
  operation: z.enum(OPERATION_KINDS),
  reversible: z.boolean().optional(),
  destructive: z.boolean().optional(),
  summary: z.string().optional(),
});

const argumentNames = z.array(z.string().min(1));

/** One server's section: `mcp.servers.<name>` in `blastwall.yaml`. */
export const mcpServerSchema = z.strictObject({
  tools: z.record(z.string().min(1), toolMappingSchema).optional(),
  sqlArguments: argumentNames.optional(),
  commandArguments: argumentNames.optional(),
  environmentArguments: z.union([argumentNames, z.record(z.string().min(1), z.enum(HINT_KEYS))]).optional(),
});

/** The `mcp` key of `blastwall.yaml`; the integrator's config loader includes it as `mcp: mcpConfigSchema.optional()`. */
export const mcpConfigSchema = z.strictObject({
  servers: z.record(z.string().min(1), mcpServerSchema).default({}),
});

/** The parsed `mcp` section. */
export type McpConfig = z.infer<typeof mcpConfigSchema>;

/** The mappings for one server, or none when the config does not name it. */
export function mappingsFor(config: McpConfig, server: string): ServerMappings | undefined {
  return config.servers[server];
}

/** Reads the `mcp` key of a `blastwall.yaml`; an absent file or key is an empty config, an invalid one a ConfigError with the line. */
export async function loadMcpConfig(cwd: string, configPath?: string): Promise<McpConfig> {
  const file = configPath ?? join(cwd, 'blastwall.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (configPath === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT')
      return { servers: {} };
    throw new ConfigError(file, undefined, `cannot read: ${(error as Error).message}`);
  }
  return parseMcpConfig(text, file);
}

/** Parses the `mcp` key out of YAML text; errors name the file and line. */
export function parseMcpConfig(text: string, file: string): McpConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [yamlError] = doc.errors;
  if (yamlError)
    throw new ConfigError(
      file,
      lines.linePos(yamlError.pos[0]).line,
      yamlError.message.split('\n')[0] ?? 'invalid YAML',
    );
  const root: unknown = doc.toJS();
  const section = root && typeof root === 'object' ? (root as Record<string, unknown>).mcp : undefined;
  const parsed = mcpConfigSchema.safeParse(section ?? {});
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const path = ['mcp', ...(issue?.path ?? [])];
  const node = doc.getIn(path, true);
  const line = isNode(node) && node.range ? lines.linePos(node.range[0]).line : undefined;
  throw new ConfigError(file, line, `${path.join('.')}: ${issue?.message ?? 'invalid'}`);
}
