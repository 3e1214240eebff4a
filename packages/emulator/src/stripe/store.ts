import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type AccountState, emptyAccount } from './model.js';

/**
 * All accounts of the emulator, keyed by secret key. In memory, optionally persisted to a JSON
 * file (loaded on start, written after every change).
 */
export class StripeStore {
  private readonly accounts: Record<string, AccountState>;

  constructor(private readonly persistFile?: string) {
    this.accounts = persistFile && existsSync(persistFile) ? JSON.parse(readFileSync(persistFile, 'utf8')) : {};
  }

  account(key: string): AccountState {
    let account = this.accounts[key];
    if (!account) {
      account = emptyAccount();
      this.accounts[key] = account;
    }
    return account;
  }

  /** Hosted pages carry no key: find the account that owns a session or a portal session. */
  findOwner(predicate: (account: AccountState) => boolean): { key: string; account: AccountState } | null {
    for (const [key, account] of Object.entries(this.accounts)) {
      if (predicate(account)) return { key, account };
    }
    return null;
  }

  allAccounts(): Array<[string, AccountState]> {
    return Object.entries(this.accounts);
  }

  save(): void {
    if (!this.persistFile) return;
    mkdirSync(dirname(this.persistFile), { recursive: true });
    writeFileSync(this.persistFile, JSON.stringify(this.accounts));
  }
}
