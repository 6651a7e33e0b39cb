from etl.extract.cli import main

raise SystemExit(main())
