export { main } from './cli.js';
export { runAppServer, type AppServerOptions } from './server.js';
export { Connection, type ConnectionOptions } from './connection.js';
export { handlers } from './handlers/index.js';
