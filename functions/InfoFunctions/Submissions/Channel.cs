namespace InfoFunctions.Submissions;

public enum Channel { Web, Api, Email }
