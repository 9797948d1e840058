// The restart policy after a server crash: at most `max` restarts within a
// sliding window (5 in 3 minutes by default), then give up until the user
// restarts the server. Pure, unit-tested.

export class RestartPolicy {
	private crashes: number[] = [];
	constructor(
		readonly max = 5,
		readonly windowMs = 3 * 60 * 1000,
		private readonly now: () => number = Date.now,
	) {}

	/** crashed records a crash and says whether to restart. */
	crashed(): boolean {
		const t = this.now();
		this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
		this.crashes.push(t);
		return this.crashes.length <= this.max;
	}

	reset(): void {
		this.crashes = [];
	}
}
