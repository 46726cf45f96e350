/** What the gateway carries from the client's request to the subgraphs. */
export interface GatewayContext {
  authorization?: string;
  clientIp: string;
  correlationId: string;
}
