export {
  changeEventSenderFromEnv,
  createChangeEventSender,
  PAGERDUTY_EVENTS_URL,
  type ChangeEventSender,
  type ChangeEventSenderOptions,
  type ChangeEventStats,
} from './change-events.js';
