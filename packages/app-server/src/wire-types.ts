/** Small wire-level types shared by the transport and the connection. */
export type RequestId = string | number;
