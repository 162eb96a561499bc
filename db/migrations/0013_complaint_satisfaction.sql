CREATE TABLE `complaint_satisfaction` (
	`complaint_id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`lang` text NOT NULL,
	`outbox_id` text NOT NULL,
	`asked_at` integer NOT NULL,
	`rating` text,
	`comment` text,
	`answered_at` integer,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `complaint_satisfaction_address_idx` ON `complaint_satisfaction` (`address`,`channel`,`asked_at`);--> statement-breakpoint
ALTER TABLE `complaints` ADD `satisfaction_asked_at` integer;