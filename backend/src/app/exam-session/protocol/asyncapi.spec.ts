import {
  CONNECTION_EVENTS,
  INTEGRITY_EVENTS,
  LIVE_ANSWER_EVENTS,
  LIVE_EVENTS,
  LIVE_PROTOCOL_EVENT_NAMES,
  RESULTS_EVENTS,
  SESSION_CONTROL_EVENTS,
  SESSION_EVENTS,
  STUDENT_EVENTS,
  TOOLS_EVENTS,
} from '@exam/contracts';
import { buildAsyncApi, eventsTable, PROTOCOL } from './asyncapi';

const CONTRACT_NAMES = [
  ...Object.values(CONNECTION_EVENTS),
  ...Object.values(SESSION_CONTROL_EVENTS),
  ...Object.values(STUDENT_EVENTS),
  ...Object.values(LIVE_ANSWER_EVENTS),
  ...Object.values(LIVE_EVENTS),
  ...Object.values(SESSION_EVENTS),
  ...Object.values(RESULTS_EVENTS),
  ...Object.values(INTEGRITY_EVENTS),
  ...Object.values(TOOLS_EVENTS),
].sort();

describe('AsyncAPI document vs the contracts', () => {
  const doc = buildAsyncApi() as {
    asyncapi: string;
    components: {
      messages: Record<string, { name: string; payload: { properties: Record<string, unknown> } }>;
    };
    operations: Record<string, { action: string }>;
  };

  it('is AsyncAPI 3 and names exactly the events of the contracts', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    const documented = [
      ...new Set(Object.values(doc.components.messages).map((m) => m.name)),
    ].sort();
    expect(documented).toEqual(CONTRACT_NAMES);
    expect(Object.keys(PROTOCOL).sort()).toEqual(CONTRACT_NAMES);
    expect([...LIVE_PROTOCOL_EVENT_NAMES].sort()).toEqual(
      CONTRACT_NAMES.filter((n) => !(Object.values(CONNECTION_EVENTS) as string[]).includes(n)),
    );
  });

  it('gives each direction an operation and each server session event a seq', () => {
    for (const [event, spec] of Object.entries(PROTOCOL)) {
      if (spec.direction !== 'server')
        expect(doc.operations[`receive_${event}`]?.action).toBe('receive');
      if (spec.direction !== 'client') {
        expect(doc.operations[`send_${event}`]?.action).toBe('send');
        const props = doc.components.messages[`${event}.server`].payload.properties;
        expect('seq' in props).toBe(!!spec.sequenced);
      }
    }
  });

  it('renders the README table with one row per event', () => {
    expect(eventsTable().split('\n')).toHaveLength(CONTRACT_NAMES.length + 2);
  });
});
