from concord.jobs.worker import main

raise SystemExit(main())
