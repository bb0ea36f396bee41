-- Version 5: GPU accounting in the store. gpus is the job's GPU claim (also in its spec, where SQL cannot read it);
-- earlier_gpu_time is the GPU time of its earlier attempts, in GPU-microseconds, added to at each requeue. Jobs
-- stored before this version read as claiming no GPU here (their spec still says what they claimed).
ALTER TABLE jobs ADD COLUMN gpus INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN earlier_gpu_time INTEGER NOT NULL DEFAULT 0;
