CREATE TABLE `eligibility_counts` (
	`day` text NOT NULL,
	`program` text NOT NULL,
	`outcome` text NOT NULL,
	`ubigeo` text NOT NULL,
	`channel` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `program`, `outcome`, `ubigeo`, `channel`)
);
