import { each, type ToolFamily } from '../family.js';
import {
  classifyGh,
  classifyHostingPlatform,
  classifyOwnedResource,
  classifyUnpublish,
} from './platforms.js';
import { classifyStripe } from './stripe.js';

/** Code hosting, package registries and hosting platforms. */
export const platforms: ToolFamily = {
  id: 'platforms',
  tools: () => ({
    gh: classifyGh,
    stripe: classifyStripe,
    ...each(['algolia', 'sanity', 'ttn-lw-cli'], classifyOwnedResource),
    ...each(['npm', 'yarn', 'pnpm'], classifyUnpublish),
    ...each(
      ['heroku', 'fly', 'flyctl', 'vercel', 'netlify', 'railway', 'firebase', 'wrangler', 'render'],
      classifyHostingPlatform,
    ),
  }),
  partial: [
    'gh',
    'heroku',
    'fly',
    'flyctl',
    'vercel',
    'netlify',
    'railway',
    'firebase',
    'wrangler',
    'render',
  ],
};
