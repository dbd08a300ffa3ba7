export { createApp } from './app.js';
export type { CitizenCounterApp, CreateAppOptions } from './app.js';
export { loadConfig } from './config.js';
export type { Config, OtpLimits, SmsConfig } from './config.js';
export { AppError, isAppError } from './errors/app-error.js';
export { runCli } from './cli.js';
export { seedDemo } from './seed-demo.js';
export { serve } from './main.js';
