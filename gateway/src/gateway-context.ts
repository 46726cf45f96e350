/** What the gateway carries from the client's request to the subgraphs. */
export interface GatewayContext {
  authorization?: string;
  clientIp: string;
  correlationId: string;
  /** The response cache's generation when the request arrived (see ResponseCache). */
  cacheGeneration: number;
}
