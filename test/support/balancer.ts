import http from 'node:http';

/**
 * A round-robin HTTP load balancer for tests, standing in for a Kubernetes
 * Service or a cloud load balancer in front of several instances: each request
 * goes to the next backend; a backend that refuses the connection (not started
 * yet, or stopped) is skipped for that request. It counts what each backend
 * answered, so a test can see that every instance took its share.
 */
export class Balancer {
  /** Responses each backend gave, by backend port. */
  readonly answered = new Map<number, number>();
  private next = 0;
  private readonly agent = new http.Agent({ keepAlive: true });

  private constructor(
    readonly port: number,
    readonly backends: readonly number[],
    private readonly server: http.Server,
  ) {
    for (const backend of backends) this.answered.set(backend, 0);
  }

  /** Listens on `port` of 127.0.0.1 and spreads requests over the backends' ports there. */
  static async start(port: number, backends: readonly number[]): Promise<Balancer> {
    let balancer: Balancer | undefined = undefined;
    const server = http.createServer((req, res) => void balancer?.forward(req, res));
    balancer = new Balancer(port, backends, server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new Error(`balancer port ${port}: ${error.message} (another run of this test?)`)),
      );
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
      .filter((part) => part !== undefined)
      .join(', ');
    for (let tries = 0; tries < this.backends.length; tries++) {
      const backend = this.backends[this.next++ % this.backends.length];
      try {
        const upstream = await this.send(backend, req, body, forwardedFor);
        this.answered.set(backend, (this.answered.get(backend) ?? 0) + 1);
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'ECONNREFUSED') {
          res.writeHead(502).end();
          return;
        }
      }
    }
    res.writeHead(503).end();
  }

  private send(
    port: number,
    req: http.IncomingMessage,
    body: Buffer,
    forwardedFor: string,
  ): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, 'x-forwarded-for': forwardedFor },
          agent: this.agent,
        },
        resolve,
      );
      upstream.once('error', reject);
      upstream.end(body);
    });
  }
}
