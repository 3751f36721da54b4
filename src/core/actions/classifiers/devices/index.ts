import { each, type ToolFamily } from '../family.js';
import { classifyFlashrom, classifyMqttPublish } from './devices.js';

/** Firmware flashers and the brokers that command device fleets. */
export const devices: ToolFamily = {
  id: 'devices',
  tools: () => ({
    flashrom: classifyFlashrom,
    ...each(['mosquitto_pub', 'mqttx', 'mqtt'], classifyMqttPublish),
  }),
  // mqttx and mqtt have other subcommands (`mqttx bench`, `mqtt sh`) the generic reading still reads
  partial: ['mqttx', 'mqtt'],
};
