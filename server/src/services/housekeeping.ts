import { Op } from 'sequelize';
import type { StoreDeps } from '../types.js';

const day = 24 * 60 * 60 * 1000;

/**
 * Deletes rows that can no longer matter: used or expired human checks, OTP codes and wrong-key
 * records past every window that counts them, sessions ended a day ago, idempotency keys older than a day (Stripe keeps them
 * 24 h), delivered or given-up outbox rows after a week, webhook delivery attempts after 30 days.
 * Answers with the number of rows removed.
 */
export async function removeStaleRows(deps: StoreDeps): Promise<number> {
  const { db } = deps;
  const now = deps.config.now();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const m = db.models;
  return db.write(async (transaction) => {
    // One after the other: a transaction is one connection, and it runs one statement at a time.
    const counts = [
      await m.HumanCheck.destroy({ where: { expiresAt: { [Op.lt]: ago(day) } }, transaction }),
      await m.OtpCode.destroy({ where: { createdAt: { [Op.lt]: ago(day) } }, transaction }),
      await m.KeyFailure.destroy({ where: { createdAt: { [Op.lt]: ago(day) } }, transaction }),
      await m.Session.destroy({ where: { expiresAt: { [Op.lt]: ago(day) } }, transaction }),
      await m.IdempotencyKey.destroy({ where: { createdAt: { [Op.lt]: ago(day) } }, transaction }),
      await m.Outbox.destroy({ where: { deliveredAt: { [Op.lt]: ago(7 * day) } }, transaction }),
      await m.Outbox.destroy({ where: { failedAt: { [Op.lt]: ago(7 * day) } }, transaction }),
      await m.WebhookDelivery.destroy({ where: { attemptedAt: { [Op.lt]: ago(30 * day) } }, transaction }),
    ];
    return counts.reduce((sum, count) => sum + count, 0);
  });
}
