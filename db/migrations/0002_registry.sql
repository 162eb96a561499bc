CREATE TABLE `persons` (
	`dni` text PRIMARY KEY NOT NULL,
	`birth_date` text NOT NULL,
	`first_names` text NOT NULL,
	`last_names` text NOT NULL,
	`ubigeo` text NOT NULL,
	`phone` text
);
--> statement-breakpoint
CREATE TABLE `enrolments` (
	`dni` text NOT NULL,
	`program` text NOT NULL,
	`status` text NOT NULL,
	`since` text NOT NULL,
	`status_reason` text,
	PRIMARY KEY(`dni`, `program`)
);
--> statement-breakpoint
CREATE TABLE `classifications` (
	`dni` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`valid_until` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`dni` text NOT NULL,
	`program` text NOT NULL,
	`period` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`status` text NOT NULL,
	`available_from` text,
	`available_until` text,
	`payment_point` text,
	PRIMARY KEY(`dni`, `program`, `period`)
);
--> statement-breakpoint
CREATE TABLE `lookup_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer
);
