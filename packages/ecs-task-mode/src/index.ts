/** @watchbot/ecs-task-mode — ECS-task mode for Watchbot: each message runs as its own ECS task, settled by the task's exit code from ECS state-change events. */
export {};
