// Vendors and Admin speak HTTPCore's values through MockCore.
@_exported import HTTPCore
