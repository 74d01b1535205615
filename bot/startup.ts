// A start-up that gives up clearly: connecting to a channel's API (which grammY and the Zalo
// client retry on network errors) must finish within a bounded time, or the process says which
// variable and address failed and exits non-zero. Retrying in the background starts only after.

export interface StartupStep {
  /** "Telegram", "Zalo" */
  what: string;
  /** the variable that holds the address */
  variable: string;
  address: string;
}

export function startupTimeoutMessage(step: StartupStep | null, seconds: number): string {
  if (!step) return `Bot không khởi động xong sau ${seconds} giây nên dừng lại.`;
  return (
    `Không kết nối được ${step.what} tại ${step.address} (${step.variable}) sau ${seconds} giây: ` +
    `máy chủ không trả lời, từ chối kết nối hoặc tên miền không phân giải được. ` +
    `Hãy kiểm tra ${step.variable} và mạng (proxy, tường lửa, DNS) rồi chạy lại.`
  );
}

export interface StartupDeadline {
  /** what start-up is doing now (named if the deadline passes) */
  at(step: StartupStep | null): void;
  /** start-up finished: the deadline no longer applies */
  done(): void;
}

/** Calls onExpire with the message once, if done() is not called within `ms`. */
export function startupDeadline(ms: number, onExpire: (message: string) => void): StartupDeadline {
  let step: StartupStep | null = null;
  const timer = setTimeout(() => onExpire(startupTimeoutMessage(step, Math.round(ms / 1000))), ms);
  return {
    at(s) {
      step = s;
    },
    done() {
      clearTimeout(timer);
    },
  };
}
