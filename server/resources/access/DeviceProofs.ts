import { systemClock, type Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import { Challenges, verifySignature } from './deviceKeys.ts';

/** A device's answer to a challenge: its signature of a message over the challenge. */
export interface DeviceProof {
  challenge: string;
  signature: string;
}

/**
 * Proofs of possession of a device key (embedded mode): the server issues
 * a challenge, the browser signs a message over it with the key its
 * invitation is bound to, and the server accepts each challenge once,
 * within its two minutes.
 */
export class DeviceProofs {
  private readonly challenges: Challenges;

  constructor(
    private readonly log: Logger,
    /** The server's clock (ms), from which a challenge's two minutes count. */
    now: Clock = systemClock,
  ) {
    this.challenges = new Challenges(now);
  }

  /** A fresh challenge for a device to sign. */
  challenge() {
    return this.challenges.issue();
  }

  /**
   * `publicKey`'s signature of `message` over a challenge issued here; else
   * 401, or `otherKey`'s answer when the signature is by another key.
   */
  check(
    publicKey: JsonWebKey,
    proof: DeviceProof | undefined,
    message: (challenge: string) => string,
    /** What a signature by another key means here (for a claimed invitation: claimed elsewhere). */
    otherKey = () => new AppError(401, 'proofInvalid', 'the device signature does not verify'),
  ) {
    if (!proof) throw new AppError(401, 'proofInvalid', 'this browser must prove its device key');
    if (!this.challenges.take(proof.challenge)) {
      throw new AppError(401, 'proofInvalid', 'unknown, used or expired challenge');
    }
    if (!verifySignature(publicKey, message(proof.challenge), proof.signature)) {
      this.log.warn('device proof refused');
      throw otherKey();
    }
  }
}
