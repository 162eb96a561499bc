CREATE TABLE `staff_login_failures` (
	`user_id` text NOT NULL,
	`client` text NOT NULL,
	`failures` integer NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer,
	PRIMARY KEY(`user_id`, `client`)
);
