/** @watchbot/dashboard — A live web dashboard for a Watchbot queue: counts over time, recent jobs and their timelines, dead letters with replay and delete. */
export {};
