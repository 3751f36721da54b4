import type { Deployment } from './types.js';

/** A PagerDuty change event (Events API v2, `POST https://events.pagerduty.com/v2/change/enqueue`). */
export interface PagerDutyChangeEvent {
  routing_key: string;
  payload: {
    summary: string;
    timestamp: string;
    source: string;
    custom_details: Record<string, unknown>;
  };
  links: Array<{ href: string; text: string }>;
}

/** The change event announcing that a deployment started; PagerDuty shows it beside the service's incidents. */
export function changeEventOf(
  deployment: Deployment,
  routingKey: string,
  link?: string,
): PagerDutyChangeEvent {
  const who = deployment.aiAssisted
    ? `AI-assisted (${deployment.tools?.join(', ') || 'unknown tool'})`
    : 'human';
  return {
    routing_key: routingKey,
    payload: {
      // PagerDuty truncates summaries at 1024 characters.
      summary:
        `Deploy ${deployment.service} to ${deployment.environment}${deployment.wave ? ` (wave ${deployment.wave})` : ''}: ${deployment.commits.length} commit(s), ${who}`.slice(
          0,
          1024,
        ),
      timestamp: deployment.startedAt,
      source: 'blastwall',
      custom_details: {
        deployment: deployment.id,
        service: deployment.service,
        environment: deployment.environment,
        commits: deployment.commits,
        aiAssisted: deployment.aiAssisted,
        tools: deployment.tools ?? [],
        ...(deployment.wave !== undefined && { wave: deployment.wave }),
      },
    },
    links: link ? [{ href: link, text: `blastwall: deployment ${deployment.id}` }] : [],
  };
}
