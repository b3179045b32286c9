namespace InfoFunctions.Review;

public enum DiffOp { Equal, Insert, Delete }
