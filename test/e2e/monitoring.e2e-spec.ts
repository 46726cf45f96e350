import {
  createNotificationJob,
  createQueue,
  enqueueNotification,
  NotificationKind,
  QueueName,
  RecipientRole,
  SyncDirection,
  type NotificationJob,
} from '@astrobookings/shared';
import type { Queue } from 'bullmq';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { gql, type GraphQLBody } from '../support/graphql';
import { BOOKING, LAUNCH } from '../support/notification-jobs';
import { TestSmtpServer } from '../support/smtp';
import { startStack, type Stack } from '../support/stack';

/**
 * The Monitoring subgraph, log shipping, the notification worker and the
 * queue dashboard, through the gateway with every process real.
 */

const EMPLOYEE = { email: 'ops-chief@astrobookings.test', password: 'Mission-Control-77' };
const PASSWORD = 'correct horse 7';

const OPERATIONS = {
  SystemLogs: `query SystemLogs($filter: SystemLogFilter, $first: Int, $after: String) {
    systemLogs(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { node { id timestamp level service message correlationId } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  NotificationStatuses: `query NotificationStatuses($status: NotificationState) {
    notificationStatuses(status: $status) { id recipient subject status attempts lastError updatedAt }
  }`,
  RetryNotification: `mutation RetryNotification($id: ID!) {
    retryNotification(id: $id) { id status }
  }`,
  Queues: `query Queues { queues { name waiting active completed failed delayed } }`,
  ServiceHealth: `query ServiceHealth { serviceHealth { service status checkedAt } }`,
  SyncLogs: `query SyncLogs { syncLogs { id direction entity processed applied failed lagMs errors finishedAt } }`,
  SystemMetrics: `query SystemMetrics { systemMetrics(last: 20) {
    takenAt requestRate errorRate p95LatencyMs queueDepth
    services { service up requestRate }
    queues { name waiting }
  } }`,
};

interface LogPage {
  systemLogs: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        timestamp: string;
        level: string;
        service: string;
        message: string;
        correlationId: string | null;
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

interface Status {
  id: string;
  recipient: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
}

let stack: Stack;
let url: string;
let smtp: TestSmtpServer;
let notifications: Queue;
let systemStore: Connection;
let operator: string;
let customer: string;
let employee: string;

const codes = (body: GraphQLBody<unknown>) => (body.errors ?? []).map((e) => e.extensions?.code);

async function signIn(email: string, password: string): Promise<string> {
  const { body } = await gql<{ login: { accessToken: string } }>(
    url,
    `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
    { email, password },
  );
  if (!body.data?.login) throw new Error(JSON.stringify(body.errors));
  return body.data.login.accessToken;
}

async function createStaff(role: string): Promise<string> {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@astrobookings.test`;
  const { body } = await gql(
    url,
    `mutation CreateStaffUser($input: CreateStaffUserInput!) { createStaffUser(input: $input) { id } }`,
    { input: { email, password: PASSWORD, name: `${role} user`, role } },
    { token: employee },
  );
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return signIn(email, PASSWORD);
}

async function registerCustomer(): Promise<string> {
  const { body } = await gql<{ register: { accessToken: string } }>(
    url,
    `mutation Register($input: RegisterInput!) { register(input: $input) { accessToken } }`,
    {
      input: {
        email: `cust-${randomUUID().slice(0, 8)}@example.com`,
        password: PASSWORD,
        name: 'Cus Tomer',
      },
    },
  );
  if (!body.data?.register) throw new Error(JSON.stringify(body.errors));
  return body.data.register.accessToken;
}

function bookingConfirmed(email: string): NotificationJob {
  return createNotificationJob({
    kind: NotificationKind.BookingConfirmed,
    sourceEventId: `evt-${randomUUID()}`,
    recipient: {
      userId: `user-${randomUUID()}`,
      email,
      name: 'Grace Hopper',
      role: RecipientRole.Customer,
    },
    data: { launch: LAUNCH, booking: BOOKING },
  });
}

async function statusOf(id: string, token = operator): Promise<Status | undefined> {
  const { body } = await gql<{ notificationStatuses: Status[] }>(
    url,
    OPERATIONS.NotificationStatuses,
    {},
    { token },
  );
  return body.data?.notificationStatuses.find((status) => status.id === id);
}

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  stack = await startStack({
    name: 'monitoring_e2e',
    portBase: 5500,
    // The gateway is ready only with every subgraph of the supergraph.
    services: ['auth', 'admin', 'customer', 'monitoring', 'notificationsWorker', 'gateway'],
    env: {
      LOG_LEVEL: 'info',
      LOG_SHIPPING_INTERVAL_MS: '200',
      METRICS_SNAPSHOT_INTERVAL_MS: '500',
      SMTP_URL: smtp.url,
      NOTIFICATION_BACKOFF_MS: '100',
      NOTIFICATION_ATTEMPTS: '3',
      BOOTSTRAP_EMPLOYEE_EMAIL: EMPLOYEE.email,
      BOOTSTRAP_EMPLOYEE_PASSWORD: EMPLOYEE.password,
    },
  });
  url = stack.urls.gateway;
  notifications = createQueue(QueueName.Notifications, {
    redisUrl: stack.env.REDIS_URL!,
    prefix: stack.env.REDIS_KEY_PREFIX!,
  });
  systemStore = await mongoose.createConnection(stack.env.SYSTEM_MONGO_URL!).asPromise();
  employee = await signIn(EMPLOYEE.email, EMPLOYEE.password);
  operator = await createStaff('OPERATOR');
  customer = await registerCustomer();
}, 120_000);

afterAll(async () => {
  await notifications?.close();
  await systemStore?.close();
  await stack?.stop();
  await smtp?.stop();
});

describe('every Monitoring operation is for operators only', () => {
  const calls = Object.entries(OPERATIONS).map(([name, query]) => ({
    name,
    query,
    variables: name === 'RetryNotification' ? { id: 'ntf_missing' } : {},
  }));

  it.each(calls)('$name without a token is UNAUTHENTICATED', async ({ query, variables }) => {
    const { body } = await gql(url, query, variables);
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
    expect(body.data ?? null).toBeNull();
  });

  it.each(calls)(
    '$name as a customer or an employee is FORBIDDEN',
    async ({ query, variables }) => {
      for (const token of [customer, employee]) {
        const { body } = await gql(url, query, variables, { token });
        expect(codes(body)).toEqual(['FORBIDDEN']);
      }
    },
  );

  it('is refused even when the monitoring subgraph is called directly', async () => {
    const { body } = await gql(stack.urls.monitoring, OPERATIONS.Queues);
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('system logs', () => {
  it('holds the lines of one request through the gateway under its correlation id', async () => {
    const correlationId = `e2e-${randomUUID()}`;
    const me = await gql(
      url,
      'query Me { me { id } }',
      {},
      {
        token: operator,
        headers: { 'x-correlation-id': correlationId },
      },
    );
    expect(me.body.errors).toBeUndefined();

    const page = await eventually(
      async () => {
        const { body } = await gql<LogPage>(
          url,
          OPERATIONS.SystemLogs,
          { filter: { correlationId } },
          { token: operator },
        );
        const services = new Set(body.data?.systemLogs.edges.map((edge) => edge.node.service));
        return services.has('gateway') && services.has('auth') ? body.data!.systemLogs : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 250, what: 'gateway and auth lines of the request' },
    );
    for (const { node } of page.edges) {
      expect(node.correlationId).toBe(correlationId);
      expect(node.message).toBe('graphql operation');
      expect(node.level).toBe('INFO');
    }
    expect(page.totalCount).toBe(page.edges.length);
  });

  it('filters and pages newest first without repeating a line', async () => {
    const all = await gql<LogPage>(
      url,
      OPERATIONS.SystemLogs,
      { filter: { service: 'gateway' }, first: 100 },
      { token: operator },
    );
    const lines = all.body.data!.systemLogs;
    expect(lines.totalCount).toBeGreaterThanOrEqual(2);
    expect(lines.edges.every((edge) => edge.node.service === 'gateway')).toBe(true);

    const first = await gql<LogPage>(
      url,
      OPERATIONS.SystemLogs,
      { filter: { service: 'gateway' }, first: 1 },
      { token: operator },
    );
    const page1 = first.body.data!.systemLogs;
    expect(page1.edges).toHaveLength(1);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await gql<LogPage>(
      url,
      OPERATIONS.SystemLogs,
      { filter: { service: 'gateway' }, first: 1, after: page1.pageInfo.endCursor },
      { token: operator },
    );
    const page2 = second.body.data!.systemLogs;
    expect(page2.edges[0].node.id).not.toBe(page1.edges[0].node.id);
    expect(page2.edges[0].node.timestamp <= page1.edges[0].node.timestamp).toBe(true);

    const search = await gql<LogPage>(
      url,
      OPERATIONS.SystemLogs,
      { filter: { search: 'GRAPHQL OPERATION', level: 'INFO' } },
      { token: operator },
    );
    expect(search.body.data!.systemLogs.totalCount).toBeGreaterThan(0);
    // Regular-expression characters are matched literally.
    const literal = await gql<LogPage>(
      url,
      OPERATIONS.SystemLogs,
      { filter: { search: '.*' } },
      { token: operator },
    );
    expect(literal.body.data!.systemLogs.totalCount).toBe(0);

    const bad = await gql(
      url,
      OPERATIONS.SystemLogs,
      { after: 'not-a-cursor' },
      { token: operator },
    );
    expect(codes(bad.body)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('notifications', () => {
  it('lists a permanently refused email as FAILED, and an operator’s retry sends it once', async () => {
    const job = bookingConfirmed(`refused-${randomUUID().slice(0, 8)}@example.com`);
    smtp.refuse.set(job.recipient.email, 550);
    await enqueueNotification(notifications, job);

    const failed = await eventually(
      async () => {
        const { body } = await gql<{ notificationStatuses: Status[] }>(
          url,
          OPERATIONS.NotificationStatuses,
          { status: 'FAILED' },
          { token: operator },
        );
        return body.data?.notificationStatuses.find((status) => status.id === job.id);
      },
      { what: 'the FAILED status' },
    );
    expect(failed).toMatchObject({
      recipient: job.recipient.email,
      subject: 'Booking confirmed: Artemis Tourist 3 to Lunar orbit',
      attempts: 1,
    });
    expect(failed.lastError).toMatch(/550/);
    expect(smtp.to(job.recipient.email)).toHaveLength(0);

    const forbidden = await gql(
      url,
      OPERATIONS.RetryNotification,
      { id: job.id },
      { token: customer },
    );
    expect(codes(forbidden.body)).toEqual(['FORBIDDEN']);

    smtp.refuse.delete(job.recipient.email);
    const retried = await gql<{ retryNotification: { id: string; status: string } }>(
      url,
      OPERATIONS.RetryNotification,
      { id: job.id },
      { token: operator },
    );
    expect(retried.body.data?.retryNotification).toEqual({ id: job.id, status: 'QUEUED' });

    const sent = await eventually(
      async () => {
        const status = await statusOf(job.id);
        return status?.status === 'SENT' ? status : undefined;
      },
      { what: 'the retried email' },
    );
    expect(sent.attempts).toBe(2);
    expect(smtp.to(job.recipient.email)).toHaveLength(1);

    // An explicit null filter is no filter.
    const unfiltered = await gql<{ notificationStatuses: Status[] }>(
      url,
      OPERATIONS.NotificationStatuses,
      { status: null },
      { token: operator },
    );
    expect(unfiltered.body.data?.notificationStatuses.map((s) => s.id)).toContain(job.id);

    const again = await gql(url, OPERATIONS.RetryNotification, { id: job.id }, { token: operator });
    expect(codes(again.body)).toEqual(['CONFLICT']);
    const missing = await gql(
      url,
      OPERATIONS.RetryNotification,
      { id: 'ntf_missing' },
      { token: operator },
    );
    expect(codes(missing.body)).toEqual(['NOT_FOUND']);
  });

  it('shows the queues with their counts', async () => {
    const { body } = await gql<{ queues: { name: string; completed: number }[] }>(
      url,
      OPERATIONS.Queues,
      {},
      { token: operator },
    );
    expect(body.data?.queues.map((queue) => queue.name).sort()).toEqual(['notifications', 'sync']);
    const counts = body.data!.queues.find((queue) => queue.name === 'notifications')!;
    expect(counts.completed).toBeGreaterThanOrEqual(1);
  });
});

describe('operations views', () => {
  it('reports each process as its /ready does', async () => {
    const { body } = await gql<{
      serviceHealth: { service: string; status: string; checkedAt: string }[];
    }>(url, OPERATIONS.ServiceHealth, {}, { token: operator });
    const states = Object.fromEntries(body.data!.serviceHealth.map((s) => [s.service, s.status]));
    expect(states).toEqual({
      gateway: 'UP',
      auth: 'UP',
      monitoring: 'UP',
      'notifications-worker': 'UP',
      admin: 'UP',
      customer: 'UP',
      'sync-worker': 'UNREACHABLE',
      web: 'UNREACHABLE',
    });
  });

  it('lists the sync worker’s runs', async () => {
    await systemStore.collection('sync_logs').insertOne({
      _id: `run-${randomUUID()}` as never,
      direction: SyncDirection.TO_CUSTOMER_STORE,
      entity: 'launch',
      trigger: 'outbox',
      processed: 12,
      applied: 11,
      skipped: 0,
      failed: 1,
      lagMs: 840,
      errorMessages: ['launch 42: customer store timed out'],
      startedAt: new Date(Date.now() - 1_000),
      finishedAt: new Date(),
    });
    const { body } = await gql<{ syncLogs: Record<string, unknown>[] }>(
      url,
      OPERATIONS.SyncLogs,
      {},
      { token: operator },
    );
    expect(body.data?.syncLogs[0]).toMatchObject({
      direction: 'TO_CUSTOMER_STORE',
      entity: 'launch',
      processed: 12,
      applied: 11,
      failed: 1,
      lagMs: 840,
      errors: ['launch 42: customer store timed out'],
    });
  });

  it('takes metrics snapshots from every process that the ops app can chart', async () => {
    const snapshot = await eventually(
      async () => {
        await gql(url, 'query Me { me { id } }', {}, { token: operator });
        const { body } = await gql<{
          systemMetrics: {
            requestRate: number;
            services: { service: string; up: boolean }[];
            p95LatencyMs: number | null;
            queues: { name: string }[];
          }[];
        }>(url, OPERATIONS.SystemMetrics, {}, { token: operator });
        return body.data?.systemMetrics.find((s) => s.requestRate > 0 && s.p95LatencyMs !== null);
      },
      { timeoutMs: 20_000, intervalMs: 300, what: 'a snapshot with traffic' },
    );
    const up = Object.fromEntries(snapshot.services.map((s) => [s.service, s.up]));
    expect(up).toMatchObject({
      gateway: true,
      auth: true,
      monitoring: true,
      'notifications-worker': true,
      admin: true,
      'sync-worker': false,
    });
    expect(snapshot.queues.map((q) => q.name).sort()).toEqual(['notifications', 'sync']);
  });
});

describe('the queue dashboard at /admin/queues', () => {
  const dashboard = () => `${stack.baseUrls.gateway}/admin/queues`;

  it('answers 401 without credentials, and with a forged token', async () => {
    expect((await fetch(dashboard())).status).toBe(401);
    const forged = await fetch(dashboard(), { headers: { authorization: 'Bearer not.a.token' } });
    expect(forged.status).toBe(401);
  });

  it('answers 200 to an operator, by Bearer header or by the ops app’s cookie', async () => {
    const byHeader = await fetch(dashboard(), { headers: { authorization: `Bearer ${operator}` } });
    expect(byHeader.status).toBe(200);
    expect(await byHeader.text()).toContain('<html');
    const byCookie = await fetch(`${dashboard()}/api/queues`, {
      headers: { cookie: `astro_ops_token=${operator}` },
    });
    expect(byCookie.status).toBe(200);
    const api = (await byCookie.json()) as { queues: { name: string }[] };
    expect(api.queues.map((queue) => queue.name).sort()).toEqual(['notifications', 'sync']);
  });

  it('answers 403 to other roles', async () => {
    for (const token of [customer, employee]) {
      const response = await fetch(dashboard(), { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(403);
    }
  });

  it('refuses a cookie-authenticated change from another site', async () => {
    const response = await fetch(`${dashboard()}/api/queues/notifications/pause`, {
      method: 'PUT',
      headers: { cookie: `astro_ops_token=${operator}`, origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });
});
